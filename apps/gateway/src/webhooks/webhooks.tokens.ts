/** The pool on the webhook schema (deliveries, attempts, company secrets). */
export const WEBHOOK_DB = Symbol('WEBHOOK_DB');
export const DELIVERY_HISTORY = Symbol('DELIVERY_HISTORY');
export const COMPANY_SECRETS = Symbol('COMPANY_SECRETS');
