import { parseZonedTimestamp } from '../../../core/device-data.js';
import { UsageError } from '../../../errors.js';
import { deviceConsentEvents } from '../../../core/device-data.js';
import { createDeviceConsent } from '../../../providers/solaris/device-monitoring-api.js';
import { defineCommand } from '../../spec.js';
import { recordFields, renderFields } from '../../../output/fields.js';

export default defineCommand({
  path: ['solaris', 'device-consent', 'create'],
  summary: "Record a person's consent to device monitoring (APPROVED or REJECTED)",
  description:
    'POST /v1/persons/{id}/device_consents: whether the person approved or rejected device monitoring, and when. ' +
    '--confirmed-at defaults to now and must not be in the future.',
  options: [
    { flags: '--person-id <id>', description: 'the Solaris person id', required: true },
    { flags: '--event-type <type>', description: 'the consent', choices: deviceConsentEvents, required: true },
    { flags: '--confirmed-at <time>', description: 'when the person answered: ISO 8601 with a zone, e.g. 2026-01-31T12:00:00Z (default: now)' },
  ],
  examples: [
    'fintech-cli solaris device-consent create --person-id "$PERSON" --event-type APPROVED',
    'fintech-cli solaris device-consent create --person-id "$PERSON" --event-type REJECTED --confirmed-at 2026-01-31T12:00:00Z --json',
  ],
  async run({ opts }, cx) {
    const { personId, eventType } = opts;
    const confirmedAt = opts.confirmedAt ?? new Date(cx.now()).toISOString();
    const at = parseZonedTimestamp(confirmedAt);
    if (at === undefined) {
      throw new UsageError(`--confirmed-at is not an ISO 8601 date-time with a zone: ${confirmedAt}`, { hint: 'e.g. 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00' });
    }
    if (at > cx.now()) throw new UsageError(`--confirmed-at is in the future: ${confirmedAt}`, { hint: 'Give the time the person answered, or leave it out for now.' });
    const answer = await createDeviceConsent(cx.provider('solaris'), personId, { event_type: eventType, confirmed_at: confirmedAt });
    if (cx.globals.json) cx.io.json(answer);
    else renderFields(cx.io, recordFields(answer));
  },
});
