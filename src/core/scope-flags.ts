/** ` --profile acme --env production`: the flags that select a profile and environment, the defaults left out. */
export function scopeFlags(profile: string, environment: string): string {
  return [profile === 'default' ? '' : ` --profile ${profile}`, environment === 'sandbox' ? '' : ` --env ${environment}`].join('');
}
