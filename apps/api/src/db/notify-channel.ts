/** The PostgreSQL NOTIFY channel every change of interest is announced on (job, image, library, credentials). */
export const EVENTS_CHANNEL = 'atelier_events';
