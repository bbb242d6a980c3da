// What other features may use of auth/: who is calling, the guard and decorator that say so, and the few account
// helpers staff administration shares with login.
export { AccessGuard } from './access.guard.js';
export { AuthModule } from './auth.module.js';
export { clientThrottlerGuard } from './client-throttler.guard.js';
export { CurrentIdentity } from './current-identity.decorator.js';
export { IdentityCache } from './identity-cache.js';
export { IdentityModule } from './identity.module.js';
export type { Identity } from './identity.js';
export { hashPassword, temporaryPassword } from './passwords.js';
export { configureSessionCookie } from './session-cookie.js';
