export { createAuthService, type AuthService, type TokenPair } from './auth.service.js';
export { authRoutes } from './auth.routes.js';
export { currentTotp } from './auth.totp.js';
export { authPages } from './auth.pages.js';
export { AUTH_PAGE_LOCALES, ACCEPTED } from './auth.accounts.js';
export { authLimiters, type AuthLimits } from './auth.limits.js';
export { loginBody } from './auth.schemas.js';
export { loginFromForm, type FormLoginRefusal } from './auth.formlogin.js';
