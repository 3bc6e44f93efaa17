// The API's OpenAPI 3.1 description, written by hand from the controllers: the Oz-compatible
// endpoints and what this platform adds. A test checks every route the app serves is described.

const error = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const folderId = { name: 'folderId', in: 'path', required: true, schema: { type: 'string' } };
const analysisId = { name: 'analysisId', in: 'path', required: true, schema: { type: 'string' } };
const mediaId = { name: 'mediaId', in: 'path', required: true, schema: { type: 'string' } };
const deliveryId = { name: 'deliveryId', in: 'path', required: true, schema: { type: 'string' } };
const companyId = { name: 'companyId', in: 'path', required: true, schema: { type: 'string' } };
const metaDataBody = (description: string) => ({ required: true, description, ...json({ type: 'object' }) });
const metaDataAnswer = { 200: { description: 'The metadata after the request', ...json({ type: 'object' }) }, default: error };
/** The four verbs of Oz's metadata endpoints, the same for folders, media and analyses. */
const metaDataVerbs = (what: string, parameter: object) => ({
  get: { summary: `The metadata of ${what}`, parameters: [parameter], responses: metaDataAnswer },
  post: { summary: `Replace the whole metadata of ${what}`, parameters: [parameter], requestBody: metaDataBody('The new metadata, a JSON object'), responses: metaDataAnswer },
  patch: { summary: `Merge the given top-level keys into the metadata of ${what}; other keys stay`, parameters: [parameter], requestBody: metaDataBody('The keys to set, a JSON object'), responses: metaDataAnswer },
  delete: {
    summary: `Remove every key of the metadata of ${what}, or only those of {"keys": [...]}`,
    parameters: [parameter],
    requestBody: { required: false, ...json({ type: 'object', properties: { keys: { type: 'array', items: { type: 'string' } } } }) },
    responses: metaDataAnswer,
  },
});
const flag = (name: string, description: string) => ({ name, in: 'query', schema: { type: 'boolean' }, description });
const folderUpload = {
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['payload'],
        properties: {
          payload: { type: 'string', description: 'JSON: "folder:meta_data", "media:tags" (file key -> tags), "media:meta_data", and for the single request "analyses": [{type, source_media?, params?, meta_data?}]' },
        },
        additionalProperties: { type: 'string', format: 'binary', description: 'Files, each under its own key (video1, photo1, ...)' },
      },
    },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Forensics platform API (Oz Forensics compatible)',
    version: '1.0.0',
    description: 'Liveness and face biometry. Errors are {error_code, error_message, details} with the Oz codes 0-11.',
  },
  security: [{ accessToken: [] }],
  components: {
    securitySchemes: { accessToken: { type: 'apiKey', in: 'header', name: 'X-Forensic-Access-Token' } },
    schemas: {
      Error: { type: 'object', required: ['error_code', 'error_message', 'details'], properties: { error_code: { type: 'integer', minimum: 0, maximum: 11 }, error_message: { type: 'string' }, details: {} } },
      Folder: { type: 'object', description: 'The folder in the shape of the Oz single-request response: times are epoch seconds.' },
      Analysis: { type: 'object' },
    },
    responses: { Error: { description: 'An Oz error body', ...json({ $ref: '#/components/schemas/Error' }) } },
  },
  paths: {
    '/api/authorize/auth/': {
      post: {
        summary: 'Log in: {credentials: {email, password}} -> access_token, expire_token',
        security: [],
        responses: { 200: { description: 'A session' }, 429: { description: 'Too many failed logins for this e-mail: try again after Retry-After seconds' }, default: error },
      },
    },
    '/api/authorize/refresh/': { post: { summary: 'Renew a session with its expire_token', responses: { 200: { description: 'A fresh session' }, default: error } } },
    '/api/authorize/service_token/{userId}': { post: { summary: 'ADMIN: a long-lived token for a CLIENT_SERVICE user', parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'A token' }, default: error } } },
    '/api/companies/': {
      get: { summary: 'Companies the caller may see (search_text)', responses: { 200: { description: 'Companies' }, default: error } },
      post: { summary: 'ADMIN: create a company {name, biometry_settings?}', responses: { 201: { description: 'The company' }, default: error } },
    },
    '/api/companies/{companyId}/': {
      get: { summary: 'One company the caller may see', parameters: [{ name: 'companyId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The company' }, default: error } },
      patch: {
        summary: 'Beyond Oz: ADMIN, or the company\'s CLIENT ADMIN: {name?, biometry_settings?: {operator_review, threshold_match?, grey_band_low?}}; OPERATOR_REQUIRED appears only when operator_review is on',
        parameters: [{ name: 'companyId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The company' }, default: error },
      },
    },
    '/api/users/': {
      get: { summary: 'Users the caller may see', responses: { 200: { description: 'Users' }, default: error } },
      post: { summary: 'Create a user {credentials, profile}', responses: { 201: { description: 'The user' }, default: error } },
    },
    '/api/folders/': {
      get: {
        summary: 'Folders the caller may see, newest first',
        parameters: [
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          { name: 'sorting', in: 'query', schema: { enum: ['time_created{asc}', 'time_created{desc}', 'time_updated{asc}', 'time_updated{desc}'] } },
          { name: 'time_created.min', in: 'query', schema: { type: 'number' } },
          { name: 'time_created.max', in: 'query', schema: { type: 'number' } },
          { name: 'time_updated.min', in: 'query', schema: { type: 'number' } },
          { name: 'time_updated.max', in: 'query', schema: { type: 'number' } },
          { name: 'meta_data', in: 'query', schema: { type: 'string' }, description: 'key==value or key!=value; repeatable' },
          { name: 'resolution_status', in: 'query', schema: { type: 'string' } },
          flag('with_analyses', 'embed each folder\'s analyses'),
          flag('total_omit', 'skip counting the total'),
        ],
        responses: { 200: { description: '{total_count, items}' }, default: error },
      },
      post: { summary: 'Create a folder with its files; with "analyses" in the payload it is the single request and answers when they have finished', requestBody: folderUpload, responses: { 201: { description: 'The folder', ...json({ $ref: '#/components/schemas/Folder' }) }, default: error } },
    },
    '/api/folders/{folderId}/': { get: { summary: 'One folder', parameters: [folderId, flag('with_analyses', 'embed its analyses')], responses: { 200: { description: 'The folder' }, default: error } } },
    '/api/folders/{folderId}/media/': { post: { summary: 'Add files to a folder', parameters: [folderId], requestBody: folderUpload, responses: { 201: { description: 'The new media' }, default: error } } },
    '/api/folders/{folderId}/analyses/': {
      get: { summary: "A folder's analyses (analyse_id, type, state and their .exclude forms)", parameters: [folderId], responses: { 200: { description: 'Analyses' }, default: error } },
      post: { summary: 'Run a group of analyses: {analyses: [{type, source_media?, params?, meta_data?}], resolution_endpoint?}', parameters: [folderId], responses: { 201: { description: 'The analyses of the new group' }, default: error } },
    },
    '/api/folders/{folderId}/meta_data': metaDataVerbs('a folder (OPERATOR and CLIENT OPERATOR may only read it)', folderId),
    '/api/media/{mediaId}/meta_data': metaDataVerbs('a media', mediaId),
    '/api/analyses/{analysisId}/meta_data': metaDataVerbs('an analysis', analysisId),
    '/api/folders/{folderId}/stream': {
      get: { summary: 'Beyond Oz: server-sent events, a "status" event with the folder at each new version; ends when its groups have finished unless keep_open=true', parameters: [folderId, flag('keep_open', 'keep the stream open after the folder has finished')], responses: { 200: { description: 'text/event-stream' }, default: error } },
    },
    '/api/folders/{folderId}/events': {
      get: {
        summary: "Beyond Oz: the folder's event history (audit trail), in pages",
        parameters: [folderId, { name: 'after_version', in: 'query', schema: { type: 'integer', minimum: 0 } }, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }],
        responses: { 200: { description: '{folder_id, next_after_version, items}' }, default: error },
      },
    },
    '/api/folders/{folderId}/webhooks': {
      get: { summary: "Beyond Oz: the folder's webhook deliveries, each with its attempts (status code, time, error)", parameters: [folderId], responses: { 200: { description: '{folder_id, total_count, items}' }, default: error } },
    },
    '/api/webhooks/{deliveryId}': { get: { summary: 'Beyond Oz: one webhook delivery with its attempts', parameters: [deliveryId], responses: { 200: { description: 'The delivery' }, default: error } } },
    '/api/webhooks/{deliveryId}/resend': {
      post: { summary: "Beyond Oz: send a FAILED delivery again, with a fresh budget of attempts (the folder's owner, CLIENT ADMIN or ADMIN)", parameters: [deliveryId], responses: { 200: { description: 'The delivery, PENDING' }, default: error } },
    },
    '/api/companies/{companyId}/webhook_secret/': {
      get: { summary: "Beyond Oz: the secret the company's webhooks are signed with (ADMIN or the company's CLIENT ADMIN)", parameters: [companyId], responses: { 200: { description: '{secret, previous_secrets: [{secret, valid_until}], ...}' }, default: error } },
    },
    '/api/companies/{companyId}/webhook_secret/rotate': {
      post: { summary: 'Beyond Oz: a new webhook secret; the previous one keeps signing for a grace period', parameters: [companyId], responses: { 200: { description: 'The new secret and the previous one' }, default: error } },
    },
    '/api/analyses/{analysisId}': { get: { summary: 'One analysis', parameters: [analysisId], responses: { 200: { description: 'The analysis', ...json({ $ref: '#/components/schemas/Analysis' }) }, default: error } } },
    '/api/analyses/{analysisId}/resolution': {
      post: { summary: 'Beyond Oz: an OPERATOR settles an OPERATOR_REQUIRED analysis: {resolution: SUCCESS|DECLINED, comment}', parameters: [analysisId], responses: { 201: { description: 'The analysis after the decision' }, default: error } },
    },
    '/api/media/{mediaId}/original': { get: { summary: 'The original file of a media', parameters: [mediaId], responses: { 200: { description: 'The bytes' }, default: error } } },
    '/api/output-images/{sha256}': { get: { summary: 'A best shot an analysis made', parameters: [{ name: 'sha256', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'A JPEG' }, default: error } } },
    '/api/docs': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    '/health': { get: { summary: 'The process answers', security: [], responses: { 200: { description: 'ok' } } } },
    '/ready': { get: { summary: 'PostgreSQL and Kafka answer', security: [], responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } } } },
  },
} as const;
