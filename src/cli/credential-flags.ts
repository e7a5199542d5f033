import { Flags, type Interfaces } from '@oclif/core';
import { CREDENTIAL_NAMES, CREDENTIALS, type CredentialName } from '../modules/stores/credentials.js';
import type { CredentialChanges } from '../modules/stores/store-input.js';
import type { KeyMode } from '../modules/keys/api-key.entity.js';
import { invalidRequest } from '../shared/errors.js';

type CredentialFlagName = (typeof CREDENTIALS)[CredentialName]['flag'];
type CredentialFlags = Record<CredentialFlagName, Interfaces.OptionFlag<string | undefined>>;

const HELP_GROUP = 'PROVIDER CREDENTIAL';

/**
 * One string flag per provider credential, generated from the CREDENTIALS table so a credential
 * added there shows up in `baas stores create|update` without touching the commands.
 */
export const credentialFlags: CredentialFlags = Object.fromEntries(
  CREDENTIAL_NAMES.map((name) => [
    CREDENTIALS[name].flag,
    Flags.string({ description: `${CREDENTIALS[name].describe}; "" removes it`, helpGroup: HELP_GROUP }),
  ]),
) as CredentialFlags;

/** `--live`: which mode the credential flags write to. */
export const liveFlag = Flags.boolean({
  description: "the credential flags set the live mode's credentials instead of the test mode's",
  helpGroup: HELP_GROUP,
});

/** The flag names as typed on the command line, for messages. */
export const CREDENTIAL_FLAG_LIST = CREDENTIAL_NAMES.map((name) => `--${CREDENTIALS[name].flag}`);

/**
 * Turns parsed flags into the service's changes: a value sets the credential, an empty string
 * removes it (null), an absent flag leaves it alone. Undefined when no credential flag was given.
 */
export function credentialChanges(flags: Partial<Record<string, unknown>>): CredentialChanges | undefined {
  const changes: CredentialChanges = {};
  for (const name of CREDENTIAL_NAMES) {
    const value = flags[CREDENTIALS[name].flag];
    if (typeof value !== 'string') continue;
    changes[name] = value.trim() === '' ? null : value;
  }
  return Object.keys(changes).length ? changes : undefined;
}

/** The mode the credential flags apply to; `--live` without any of them is a mistake worth saying. */
export function credentialsMode(live: boolean, changes: CredentialChanges | undefined): KeyMode {
  if (live && !changes) {
    throw invalidRequest(
      'parameter_invalid',
      `--live only says which mode the credential flags (${CREDENTIAL_FLAG_LIST.slice(0, 3).join(', ')}, …) set; give at least one of them or drop --live.`,
      'live',
    );
  }
  return live ? 'live' : 'test';
}
