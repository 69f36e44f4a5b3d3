// Input shape checks shared by index.js and the lazily loaded modules (steps.js,
// account.js): whether the typed modules take a call's input as it is, else the full
// engine runs it and names what is wrong. null counts as absent, as the engine reads it.
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
export const only = (o, keys) => Object.keys(o).every((k) => keys.includes(k));
export const text = (v) => typeof v === 'string' && v !== '';
export const strings = (m) => m == null || (isObject(m) && Object.values(m).every((v) => typeof v === 'string'));
export const options = (o, check) => o == null || (isObject(o) && check(o));
export const metadataOnly = (o) => options(o, (x) => only(x, ['clientMetadata']) && strings(x.clientMetadata));
