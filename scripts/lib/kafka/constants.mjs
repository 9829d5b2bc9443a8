// Values every part of the local broker agrees on.

export const HOST = '127.0.0.1';
export const NODE_ID = 1;

export const noop = () => {};
