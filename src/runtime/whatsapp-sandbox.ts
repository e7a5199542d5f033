import type { MessageTargets } from '../modules/messages/message-targets.js';
import { SANDBOX_WHATSAPP_PATH } from '../server/app.js';
import { createWhatsAppSimulator, type ApprovedTemplate, type WhatsAppSimulator } from '../simulators/whatsapp/index.js';

/** The Graph API version the sandbox is addressed with, as BAAS_WHATSAPP_API_URL carries one. */
const SANDBOX_GRAPH_VERSION = 'v26.0';

export interface WhatsAppSandbox {
  simulator: WhatsAppSimulator;
  /** Once the server listens: stores without WhatsApp credentials send to the simulator, which calls us back. */
  connect(serverUrl: string): void;
}

/**
 * The built-in WhatsApp simulator acting as Meta for every test-mode store without WhatsApp
 * credentials: each such store has its own sandbox phone number, whose token and app secret
 * only this instance knows, and whose status webhooks come back to the store's hook URL
 * signed, exactly as Meta's would.
 */
export function createWhatsAppSandbox(targets: MessageTargets, templates: ApprovedTemplate[]): WhatsAppSandbox {
  let serverUrl: string | null = null;
  const simulator = createWhatsAppSimulator({
    templates,
    resolvePhoneNumber: (phoneNumberId) => {
      const sandbox = targets.sandboxPhoneNumber(phoneNumberId);
      if (!sandbox || !serverUrl) return null;
      return {
        phone_number_id: phoneNumberId,
        access_token: sandbox.accessToken,
        app_secret: sandbox.appSecret,
        webhook_url: `${serverUrl}/hooks/whatsapp/${encodeURIComponent(sandbox.storeId)}`,
        display_phone_number: '15550001234',
      };
    },
  });
  return {
    simulator,
    connect(url) {
      serverUrl = url;
      targets.useWhatsAppSandboxAt(`${url}${SANDBOX_WHATSAPP_PATH}/${SANDBOX_GRAPH_VERSION}`);
    },
  };
}
