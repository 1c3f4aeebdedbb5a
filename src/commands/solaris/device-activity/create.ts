import { isStrictBase64 } from '../../../core/device-data.js';
import { UsageError } from '../../../errors.js';
import { deviceActivityTypes } from '../../../core/device-data.js';
import { createDeviceActivity } from '../../../providers/solaris/device-monitoring-api.js';
import type { RunContext } from '../../../run-context.js';
import { defineCommand, requiredOpt } from '../../spec.js';
import { readFileOrUsage } from '../../webhooks/body-input.js';
import { recordFields, renderFields } from '../../../output/fields.js';

export default defineCommand({
  path: ['solaris', 'device-activity', 'create'],
  summary: "Send a person's device activity with the Seon device fingerprint",
  description:
    'POST /v1/persons/{id}/device_activities with the activity type and the Seon SDK\'s device fingerprint as device_data ' +
    '(the Base64 string the SDK returns). --device-data @file reads it from a file; surrounding whitespace is dropped.',
  options: [
    { flags: '--person-id <id>', description: 'the Solaris person id' },
    { flags: '--activity-type <type>', description: 'what the person did', choices: deviceActivityTypes },
    { flags: '--device-data <base64|@file>', description: 'the Seon fingerprint (Base64), or @ and a file holding it' },
  ],
  examples: [
    'fintech-cli solaris device-activity create --person-id "$PERSON" --activity-type APP_START --device-data @seon.txt',
    'fintech-cli solaris device-activity create --person-id "$PERSON" --activity-type PASSWORD_RESET --device-data "$SEON_B64" --json',
  ],
  async run({ opts }, cx) {
    const personId = requiredOpt(opts, 'personId', '--person-id <id>');
    const activityType = requiredOpt(opts, 'activityType', `--activity-type <${deviceActivityTypes.join('|')}>`) as (typeof deviceActivityTypes)[number];
    const deviceData = await readDeviceData(cx, requiredOpt(opts, 'deviceData', '--device-data <base64|@file>'));
    const answer = await createDeviceActivity(cx.provider('solaris'), personId, { activity_type: activityType, device_data: deviceData });
    if (cx.globals.json) cx.io.json(answer);
    else renderFields(cx.io, recordFields(answer));
  },
});

async function readDeviceData(cx: RunContext, value: string): Promise<string> {
  const data = value.startsWith('@') ? (await readFileOrUsage(cx, value.slice(1))).toString('utf8').trim() : value;
  if (!isStrictBase64(data)) {
    throw new UsageError(`--device-data is not Base64${value.startsWith('@') ? ` (in ${value.slice(1)})` : ''}.`, {
      code: 'bad_device_data',
      hint: 'Pass the string the Seon SDK returned (standard Base64 with = padding), or @file holding it.',
    });
  }
  return data;
}
