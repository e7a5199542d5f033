import type juiceType from 'juice';
import { lazyRequire } from '../../shared/lazy-require.js';
import { notFound } from '../../shared/errors.js';
import type { RenderedEmail } from '../messages/channel.js';
import type { FileCache } from './file-cache.js';
import type { RenderFrame } from './handlebars-env.js';
import { missingPaths } from './missing-paths.js';
import type { CompiledTemplate } from './template-compiler.js';
import type { TemplateFiles } from './template-files.js';

const juice = lazyRequire<typeof juiceType>('juice');

/** The body's kinds; each has its own layout and partials. The subject is text. */
type Kind = 'html' | 'txt';
const KINDS: Kind[] = ['html', 'txt'];

export interface EmailCaches {
  html: FileCache<CompiledTemplate>;
  txt: FileCache<CompiledTemplate>;
  strings: FileCache<Record<string, string>>;
}

interface Body {
  layout: CompiledTemplate;
  /** The layout includes the template's own body as `{{> content}}`. */
  partials: Map<string, CompiledTemplate>;
}

const PARTIAL_FILE = /^([\w-]+?)(?:\.(html|txt))?\.hbs$/;

/** `_partials/<name>.<kind>.hbs` for one kind, `_partials/<name>.hbs` for both (the specific one wins). */
function partialsOf(files: TemplateFiles, cache: FileCache<CompiledTemplate>, kind: Kind): Map<string, CompiledTemplate> {
  const partials = new Map<string, CompiledTemplate>();
  for (const fileName of files.list('email/_partials')) {
    const [, name, only] = PARTIAL_FILE.exec(fileName) ?? [];
    if (!name || (only && only !== kind) || (!only && partials.has(name))) continue;
    partials.set(name, cache.get(files.find(`email/_partials/${fileName}`)!));
  }
  return partials;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const tidyText = (text: string) =>
  `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;

/** One template's email, as one store sees it in one locale: subject, HTML and text, each in the shared layout. */
export class EmailTemplate {
  private constructor(
    /** The locale the copy is written in (pt-BR for a `pt` request). */
    readonly locale: string,
    private readonly subject: CompiledTemplate,
    private readonly bodies: Record<Kind, Body>,
    private readonly strings: Record<string, string>,
    private readonly helpers: ReadonlySet<string>,
  ) {}

  static load(files: TemplateFiles, caches: EmailCaches, name: string, chain: string[], helpers: ReadonlySet<string>): EmailTemplate {
    const localized = (prefix: string, suffix: string) => {
      const found = files.findLocalized(prefix, chain, suffix);
      if (!found)
        throw notFound('template_not_found', `no email file for ${chain[0]}: add ${files.describe(`${prefix}${chain[0]}${suffix}`)}`);
      return found;
    };
    const shared = (relative: string) => {
      const file = files.find(relative);
      if (!file) throw notFound('template_not_found', `the email layout is missing: add ${files.describe(relative)}`);
      return file;
    };
    const subject = localized(`email/${name}/`, '.subject.hbs');
    const body = (kind: Kind): Body => ({
      layout: caches[kind].get(shared(`email/_layout.${kind}.hbs`)),
      partials: new Map([
        ...partialsOf(files, caches[kind], kind),
        ['content', caches[kind].get(localized(`email/${name}/`, `.${kind}.hbs`).file)],
      ]),
    });
    const strings = caches.strings.get(localized('email/_strings/', '.json').file);
    return new EmailTemplate(subject.locale, caches.txt.get(subject.file), { html: body('html'), txt: body('txt') }, strings, helpers);
  }

  /** The data paths this render would need but `data` lacks (see missing-paths.ts). */
  missing(data: unknown): string[] {
    const trees = [
      { program: this.subject.program, partials: new Map<string, hbs.AST.Program>() },
      ...KINDS.map((kind) => ({
        program: this.bodies[kind].layout.program,
        partials: new Map([...this.bodies[kind].partials].map(([name, partial]) => [name, partial.program])),
      })),
    ];
    return [...new Set(trees.flatMap((tree) => missingPaths({ ...tree, helpers: this.helpers }, data)))];
  }

  render(data: unknown, frame: Pick<RenderFrame, 'locale' | 'timeZone'>): RenderedEmail {
    const subject = oneLine(this.subject.render(data, { data: { ...frame, strings: this.strings } }));
    const full: RenderFrame = { ...frame, strings: this.strings, subject };
    const body = (kind: Kind) => {
      const { layout, partials } = this.bodies[kind];
      return layout.render(data, {
        data: full,
        partials: Object.fromEntries([...partials].map(([name, partial]) => [name, partial.render])),
      });
    };
    // juice moves the <style> rules onto the elements (mail clients drop <style>), keeping @media.
    return { subject, html: juice()(body('html')), text: tidyText(body('txt')) };
  }
}
