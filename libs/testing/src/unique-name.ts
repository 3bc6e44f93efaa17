import { randomBytes } from 'node:crypto';

/** A name no other test run uses, for topics, groups and schemas: tests never share state. */
export const uniqueName = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
