// Edge runtimes (Vercel's Edge, Next.js's edge sandbox when deployed) refuse to compile
// WebAssembly from bytes at run time, which is how the package loads its modules elsewhere
// (inlined, see unpack.js). There the modules the server calls come as .wasm files the
// host compiles when it loads the code (Next.js's `.wasm?module` import). Imported by the
// `edge-light` exports of cognito-wasm/server and cognito-wasm/adapter-nextjs.
import core from './cognito_wasm_v2.wasm?module';
import account from './cognito_wasm_account.wasm?module';
import identity from './cognito_wasm_identity.wasm?module';
import { useCompiledWasm } from './server.js';

useCompiledWasm({ core, account, identity });
