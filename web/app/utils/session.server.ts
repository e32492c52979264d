// The session cookie is defined once, beside the JSON API that shares it.
export { sessionStorageFor } from '../../../api/session';
