/** Injection tokens of what the folder endpoints use. */
export const BLOBS = Symbol('BLOBS');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const INGEST = Symbol('INGEST');
export const FOLDER_UPDATES = Symbol('FOLDER_UPDATES');
