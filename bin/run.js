#!/usr/bin/env node
// The installed `baas` command: runs the compiled commands from dist/.
import { execute } from '@oclif/core';

// No user plugins: oclif would otherwise read <BAAS_DATA_DIR>/package.json, which is our data dir.
await execute({ loadOptions: { root: new URL('..', import.meta.url).pathname, userPlugins: false } });
