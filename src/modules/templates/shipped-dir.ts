import { resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../shared/package-info.js';

/** The templates/ folder the package ships, whether we run from src/ or dist/. */
export const SHIPPED_TEMPLATES_DIR = resolve(PACKAGE_ROOT, 'templates');
