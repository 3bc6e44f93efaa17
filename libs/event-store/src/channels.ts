/** The channel a commit notifies, so readers wake instead of polling. */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';
