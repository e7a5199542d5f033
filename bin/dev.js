#!/usr/bin/env -S node --import tsx --no-warnings
// Development entry point: runs the TypeScript commands in src/ directly (no build step).
import { execute } from '@oclif/core';

await execute({ development: true, loadOptions: { root: new URL('..', import.meta.url).pathname, userPlugins: false } });
