// Input shape checks shared by the driver and the lazily loaded modules (steps.js,
// account.js, oauth.js): whether they take a call's input as it is, else check.js names
// what is wrong (or reduces the input). null counts as absent, as Amplify reads it.
export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
export const only = (o, keys) => Object.keys(o).every((k) => keys.includes(k));
export const text = (v) => typeof v === 'string' && v !== '';
export const strings = (m) => m == null || (isObject(m) && Object.values(m).every((v) => typeof v === 'string'));
export const options = (o, check) => o == null || (isObject(o) && check(o));
export const metadataOnly = (o) => options(o, (x) => only(x, ['clientMetadata']) && strings(x.clientMetadata));
