// cognito-wasm/server on edge runtimes: the same API, with the modules the host compiled (edge.js).
import './edge.js';

export * from './server.js';
