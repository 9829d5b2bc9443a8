// Breaking and dangerous changes between two API schemas, found by GraphQL Inspector.

import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/**
 * Breaking changes from the base API schema to the new one, with GraphQL Inspector's `diff`.
 * A breaking change fails unless an entry of `acceptedBreaks` ([{ change, reason }]) names it
 * by Inspector's path (e.g. `User.avatarUrl`) or its message. Dangerous changes are reported only.
 */
export async function findBreakingChanges(baseSdl, newSdl, acceptedBreaks = []) {
  for (const entry of acceptedBreaks) {
    if (
      typeof entry?.change !== 'string' ||
      typeof entry?.reason !== 'string' ||
      !entry.reason.trim()
    ) {
      throw new Error(
        `each accepted break needs "change" and a non-empty "reason": ${JSON.stringify(entry)}`,
      );
    }
  }
  const changes = await diff(buildSchema(baseSdl), buildSchema(newSdl));
  const breaking = [];
  const accepted = [];
  const dangerous = [];
  const used = new Set();
  for (const change of changes) {
    const level = change.criticality.level;
    if (level === CriticalityLevel.Dangerous) dangerous.push(change);
    if (level !== CriticalityLevel.Breaking) continue;
    const entry = acceptedBreaks.find(
      (candidate) => candidate.change === change.path || candidate.change === change.message,
    );
    if (entry) {
      used.add(entry);
      accepted.push({ change, reason: entry.reason });
    } else {
      breaking.push(change);
    }
  }
  const unused = acceptedBreaks.filter((entry) => !used.has(entry));
  return { breaking, accepted, dangerous, unused, changes };
}
