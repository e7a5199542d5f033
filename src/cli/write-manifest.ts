import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Plugin } from '@oclif/core';
import { PACKAGE_ROOT } from '../shared/package-info.js';

/**
 * Writes oclif.manifest.json at build time. With it, `baas --help` and command lookup read one
 * JSON file instead of importing every command (and the ORM behind them): ~5x faster.
 */
const plugin = new Plugin({ root: PACKAGE_ROOT, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
writeFileSync(join(PACKAGE_ROOT, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest)}\n`);
