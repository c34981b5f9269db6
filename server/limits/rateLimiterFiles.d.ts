// rate-limiter-flexible's files, imported one by one (rateLimiters.ts); their types are the package's.
declare module 'rate-limiter-flexible/lib/*.js' {
  const value: unknown
  export default value
}
