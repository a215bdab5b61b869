/** Registration from an invitation link (4 steps). Plain words, short sentences. */
export const registration = {};
