import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The modules a file loads when it runs: TypeScript drops imports used only as types, exactly as the build does. */
function runtimeImports(file: string): string[] {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return [...outputText.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

/** Every file and package `entry` loads at run time, following relative imports. */
function runtimeGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of runtimeImports(file)) {
      if (!specifier.startsWith('.')) packages.add(specifier);
      else visit(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(ROOT, file)), packages };
}

describe('the client’s import graph', () => {
  it('loads nothing of the server at run time: only its own files, the webhook signer and Node built-ins', () => {
    const { files, packages } = runtimeGraph(resolve(ROOT, 'src/client/index.ts'));
    expect(files.every((file) => existsSync(resolve(ROOT, file)))).toBe(true);
    expect(files.filter((file) => !file.startsWith('src/client/'))).toEqual(['src/modules/webhooks/signature.ts']);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    expect([...packages].filter((name) => !builtins.has(name))).toEqual([]);
  });

  it('sees through type-only imports (the types come from server modules that load koa and MikroORM)', () => {
    expect(runtimeImports(resolve(ROOT, 'src/client/types.ts'))).toEqual([]);
    expect(runtimeImports(resolve(ROOT, 'src/modules/orders/order.json.ts'))).toContain('./order.entity.js');
  });
});
