export { createMediaService, type MediaService, type MediaDeps } from './media.service.js';
export { mediaRoutes } from './media.routes.js';
export { mediaPolicy } from './media.policy.js';
export { LocalDiskStore, type FileStore } from './media.storage.js';
export {
  OWNER_TYPES,
  type OwnerType,
  type OwnerLoader,
  type OwnerLoaders,
} from './media.owners.js';
export { type MediaFile } from './media.repository.js';
export { MAX_IMAGE_PIXELS } from './media.images.js';
export { UPLOAD_LIMITS, parseUpload, type ParsedUpload } from './media.upload.js';
