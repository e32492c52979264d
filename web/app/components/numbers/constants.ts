/** The dropdown value meaning "I'll type the number myself". */
export const MANUAL_ENTRY = 'manual';
