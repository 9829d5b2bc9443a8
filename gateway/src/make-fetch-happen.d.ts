// The slice of make-fetch-happen's API that the gateway uses (the package ships no types).
declare module 'make-fetch-happen' {
  interface FetchOptions {
    maxSockets?: number;
    retry?: boolean | object;
    timeout?: number;
  }
  type Fetch = ((url: string, init?: object) => Promise<unknown>) & { defaults(options: FetchOptions): Fetch };
  const fetch: Fetch;
  export default fetch;
}
