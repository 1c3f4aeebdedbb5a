import { suggestedWord } from '../../../io/terminal-safe.js';
import { UsageError } from '../../../errors.js';
import { readSecret } from '../../../io/streams.js';
import { createUser, generatePassword, passwordProblem, userIdProblem } from '../../../providers/finapi/users.js';
import { defineCommand } from '../../spec.js';
import { renderRecord } from '../../../output/fields.js';

export default defineCommand({
  path: ['finapi', 'users', 'create'],
  summary: 'Create a finAPI Access user (with the client token)',
  description:
    'Create a finAPI Access user with the client token. Without --password-stdin a strong password is generated and ' +
    'shown once: finAPI cannot show it again. Without --id finAPI chooses the id.',
  options: [
    { flags: '--id <id>', description: 'the user id: up to 36 characters of 0-9 A-Z a-z - _ . + @ (default: chosen by finAPI)' },
    { flags: '--email <address>', description: "the user's email address" },
    { flags: '--phone <number>', description: "the user's phone number" },
    { flags: '--password-stdin', description: 'read the password (6 to 128 characters) from standard input instead of generating one' },
  ],
  examples: [
    'fintech-cli finapi users create --id alice --email alice@example.com',
    'printf %s "$PASSWORD" | fintech-cli finapi users create --id alice --password-stdin',
    'fintech-cli finapi users create --emulator --json',
  ],
  async run({ opts }, cx) {
    const { id } = opts;
    const idProblem = id === undefined ? undefined : userIdProblem(id);
    if (idProblem !== undefined) throw new UsageError(`--id ${id}: ${idProblem}.`, { hint: 'Choose another id, or leave --id out to let finAPI choose one.' });
    const generated = !opts.passwordStdin;
    const password = generated ? generatePassword() : await readSecret(cx, '--password-stdin');
    const badPassword = passwordProblem(password);
    if (badPassword !== undefined) throw new UsageError(`--password-stdin: ${badPassword}.`, { hint: 'Pipe in another password, or leave --password-stdin out to get a generated one.' });

    const created = await createUser(cx.provider('finapi'), { id, password, email: opts.email, phone: opts.phone });
    // The password is shown only when we made it up: whoever piped one in knows it already.
    const user = { ...created };
    delete user.password;
    const shown = generated ? { ...user, password } : user;
    if (cx.globals.json) {
      // The CLI's own keys beside finAPI's user object, which is passed on untouched.
      cx.io.json({ id: user.id ?? null, ...(generated ? { password } : {}), provider_body: user });
      return;
    }
    renderRecord(cx.io, shown);
    const userId = typeof user.id === 'string' ? suggestedWord(cx.io.streams.stderr, user.id) : '<id>';
    if (generated) cx.io.warn('The password was generated and is shown only this once: store it now (finAPI cannot show it again).');
    cx.io.info(`Next: printf %s "$PASSWORD" | fintech-cli auth token finapi --user ${userId} --password-stdin`);
  },
});
