/** Integration tests need real servers; `npm test` starts them and sets these variables. */
export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites with \`npm test\`, which starts the servers (scripts/infra/up.sh)`);
  return value;
};
