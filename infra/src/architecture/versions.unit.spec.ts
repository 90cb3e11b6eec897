import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../');
const json = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
}

/** ADR 009: the packages are released together by `lerna version`. */
describe('Package versions', function () {
  this.timeout(30_000);
  const { version } = json<{ version: string }>('lerna.json');

  it('are one version, seen by lerna for every workspace package, with sibling ranges that accept it', () => {
    const listed = JSON.parse(
      execFileSync('npx', ['lerna', 'list', '--all', '--json', '--loglevel', 'silent'], { cwd: root, encoding: 'utf8' }),
    ) as { name: string; version: string; location: string }[];
    const folders = json<{ workspaces: string[] }>('package.json').workspaces.flatMap((w) =>
      w.endsWith('/*') ? readdirSync(join(root, w.slice(0, -2))).map((name) => `${w.slice(0, -2)}/${name}`) : [w],
    );
    expect(listed.map((p) => p.name).sort()).to.deep.equal(folders.map((f) => json<Manifest>(`${f}/package.json`).name).sort());
    for (const pkg of listed) expect(pkg.version, pkg.name).to.equal(version);
    const names = new Set(listed.map((p) => p.name));
    for (const folder of folders) {
      const manifest = json<Manifest>(`${folder}/package.json`);
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        if (names.has(dependency)) expect(range, `${manifest.name} → ${dependency}`).to.equal(`^${version}`);
      }
    }
  });
});
