import { BaasCommand } from '../../cli/base-command.js';
import { renderTable } from '../../cli/table.js';
import { TemplateCatalog, type TemplateInfo } from '../../modules/templates/catalog.js';
import { SHIPPED_TEMPLATES_DIR } from '../../modules/templates/shipped-dir.js';

/** Every path any channel needs, marked with its channels when not all of them need it. */
function requiredVariables(template: TemplateInfo): string {
  const byChannel = Object.entries(template.variables);
  const paths = [...new Set(byChannel.flatMap(([, needed]) => needed))].sort();
  return paths
    .map((path) => {
      const needing = byChannel.filter(([, needed]) => needed.includes(path)).map(([channel]) => channel);
      return needing.length < byChannel.length ? `${path} (${needing.join(', ')})` : path;
    })
    .join('\n');
}

export default class TemplatesList extends BaasCommand {
  static override summary = 'List the message templates, their channels and locales, and the data each needs';
  static override description = `The templates shipped in the package's templates/ folder: one per transactional message, each with an email version (subject, HTML and text) and a WhatsApp version (the definition an agency submits to Meta for approval). "Required variables" are the data paths a message cannot go out without; parts of the copy that depend on optional data (a Pix code, a retry link) are left out when it is absent. A store can override any file: see templates/README.md.`;

  static override examples = [
    { description: 'As a table', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'For a script', command: '<%= config.bin %> <%= command.id %> --json' },
  ];

  async run() {
    await this.parse(TemplatesList);
    const templates = new TemplateCatalog({ shippedDir: SHIPPED_TEMPLATES_DIR }).list();
    this.log(
      renderTable(
        ['template', 'channels', 'locales', 'required variables'],
        templates.map((t) => [t.name, t.channels.join(', '), t.locales.join(', '), requiredVariables(t)]),
      ),
    );
    return { object: 'list', data: templates };
  }
}
