/** The flags that select a profile and an environment, as a command line shows them: `` for the defaults. */
export function scopeFlags(profile: string, environment: string): string {
  return [profile === 'default' ? '' : ` --profile ${profile}`, environment === 'sandbox' ? '' : ` --env ${environment}`].join('');
}
