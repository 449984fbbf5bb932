export { createAuthService, type AuthService, type TokenPair } from './auth.service.js';
export { authRoutes } from './auth.routes.js';
export { currentTotp } from './auth.totp.js';
