export { createUsersService, type UsersService, type SystemUserInput } from './users.service.js';
export { usersRoutes } from './users.routes.js';
export { usersPolicy } from './users.policy.js';
export { presentUser } from './users.presenter.js';
export { findUser, findUserByEmail, USER_COLUMNS, type User } from './users.repository.js';
export { email, password, languageCode, userSchema, WEAK_PASSWORD } from './users.schemas.js';
export { isStrongPassword } from './users.passwords.js';
export { listUsersQuery } from './users.schemas.js';
