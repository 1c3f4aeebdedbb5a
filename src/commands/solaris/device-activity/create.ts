import { isStrictBase64 } from '../../../core/device-data.js';
import { UsageError } from '../../../errors.js';
import { deviceActivityTypes } from '../../../core/device-data.js';
import { createDeviceActivity } from '../../../providers/solaris/device-monitoring-api.js';
import type { RunContext } from '../../../run-context.js';
import { readFileInput } from '../../shared/input.js';
import { defineCommand } from '../../spec.js';
import { recordFields, renderFields } from '../../../output/fields.js';

export default defineCommand({
  path: ['solaris', 'device-activity', 'create'],
  summary: "Send a person's device activity with the Seon device fingerprint",
  description:
    'POST /v1/persons/{id}/device_activities with the activity type and the Seon SDK\'s device fingerprint as device_data ' +
    '(the Base64 string the SDK returns). --device-data @file reads it from a file; surrounding whitespace is dropped.',
  options: [
    { flags: '--person-id <id>', description: 'the Solaris person id', required: true },
    { flags: '--activity-type <type>', description: 'what the person did', choices: deviceActivityTypes, required: true },
    { flags: '--device-data <base64|@file>', description: 'the Seon fingerprint (Base64), or @ and a file holding it', required: true },
  ],
  examples: [
    'fintech-cli solaris device-activity create --person-id "$PERSON" --activity-type APP_START --device-data @seon.txt',
    'fintech-cli solaris device-activity create --person-id "$PERSON" --activity-type PASSWORD_RESET --device-data "$SEON_B64" --json',
  ],
  async run({ opts }, cx) {
    const deviceData = await readDeviceData(cx, opts.deviceData);
    const answer = await createDeviceActivity(cx.provider('solaris'), opts.personId, { activity_type: opts.activityType, device_data: deviceData });
    if (cx.globals.json) cx.io.json(answer);
    else renderFields(cx.io, recordFields(answer));
  },
});

/** The Base64 given, or held by the @file. Base64 ignores whitespace around it (a file's final newline): it is not sent. */
async function readDeviceData(cx: RunContext, value: string): Promise<string> {
  const text = value.startsWith('@') ? (await readFileInput(cx, value.slice(1))).toString('utf8') : value;
  const data = text.trim();
  if (!isStrictBase64(data)) {
    throw new UsageError(`--device-data is not Base64${value.startsWith('@') ? ` (in ${value.slice(1)})` : ''}.`, {
      code: 'bad_device_data',
      hint: 'Pass the string the Seon SDK returned (standard Base64 with = padding), or @file holding it.',
    });
  }
  return data;
}
