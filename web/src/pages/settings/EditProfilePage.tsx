import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { session } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { Avatar } from '../../components/Avatar';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { SubmitButton } from '../../components/SubmitButton';
import { describeError } from '../../graphql/errors';
import { ME, UPDATE_PROFILE, type MeData } from '../../graphql/users';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

export function EditProfilePage() {
  usePageTitle('Edit profile');
  const { data, error } = useQuery(ME, { fetchPolicy: 'network-only' });
  if (error) return <Alert kind="error">{describeError(error).message}</Alert>;
  if (!data) return <Loading label="Loading your profile…" />;
  return <ProfileForm me={data.me} />;
}

const isDefaultAvatar = (url: string) =>
  new URL(url, window.location.origin).pathname.startsWith('/avatars/');

function ProfileForm({ me }: { me: MeData['me'] }) {
  const [displayName, setDisplayName] = useState(me.user.displayName);
  const [greeting, setGreeting] = useState(me.user.greeting);
  const [avatarUrl, setAvatarUrl] = useState(
    isDefaultAvatar(me.user.avatarUrl) ? '' : me.user.avatarUrl,
  );
  const [saved, setSaved] = useState(false);
  const [update] = useMutation(UPDATE_PROFILE);
  const { error, pending, submit, fieldError } = useSubmit();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const input = {
      displayName,
      greeting,
      avatarUrl: avatarUrl.trim() === '' ? null : avatarUrl.trim(),
    };
    const result = await submit(() => update({ variables: { input } }));
    if (!result?.data) return;
    session.updateViewer(result.data.updateProfile);
    setSaved(true);
  }

  return (
    <section className="card" aria-labelledby="settings-profile">
      <h2 id="settings-profile">Edit profile</h2>
      <p className="muted">
        Signed in as {me.email}. <Link to={`/u/${me.user.handle}`}>See your profile</Link>
      </p>
      <Avatar user={me.user} size={72} />
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="Display name"
          name="displayName"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldError('displayName')}
        />
        <Field
          multiline
          label="Greeting"
          name="greeting"
          rows={3}
          value={greeting}
          onChange={(e) => setGreeting(e.target.value)}
          error={fieldError('greeting')}
          hint={`A short introduction: ${160 - [...greeting].length} characters left.`}
        />
        <Field
          label="Avatar URL"
          name="avatarUrl"
          type="url"
          inputMode="url"
          placeholder="https://…"
          value={avatarUrl}
          onChange={(e) => setAvatarUrl(e.target.value)}
          error={fieldError('avatarUrl')}
          hint="An https address of an image; leave empty for the default avatar."
        />
        <Alert kind="error">{error?.message}</Alert>
        <Alert kind="success">{saved ? 'Your profile is saved.' : null}</Alert>
        <SubmitButton pending={pending} busy="Saving…">
          Save
        </SubmitButton>
      </form>
    </section>
  );
}
