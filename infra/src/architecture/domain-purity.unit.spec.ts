import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../');
const ALLOWED = [/^io-ts(\/|$)/, /^fp-ts(\/|$)/, /^@hcms\/shared-kernel(\/testing)?$/];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Specs and their fixtures are test code: they may use test libraries (a property test's generators).
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !/\.(spec|fixtures)\.ts$/.test(path) ? [path] : [];
  });

/** The same rule ESLint enforces, checked from the sources so it holds even when lint is skipped. */
describe('Layers', () => {
  const contexts = readdirSync(join(root, 'contexts'));
  for (const context of contexts) {
    const domain = join(root, 'contexts', context, 'src', 'domain');
    it(`keeps ${context}/domain pure: only the shared kernel, io-ts, fp-ts and its own domain files`, () => {
      const offences = sources(domain).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)]
          .map((m) => m[1] ?? '')
          .filter((spec) =>
            spec.startsWith('.') ? !resolve(dirname(file), spec).startsWith(domain) : !ALLOWED.some((re) => re.test(spec)),
          )
          .map((spec) => `${relative(root, file)} imports ${spec}`),
      );
      expect(offences).to.deep.equal([]);
    });
  }
});
