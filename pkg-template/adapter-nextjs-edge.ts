// cognito-wasm/adapter-nextjs on edge runtimes: the same API, with the modules the host compiled (edge.js).
import './edge.js';

export * from './adapter-nextjs.js';
