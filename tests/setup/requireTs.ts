// Code written for tsx calls require.resolve('../workflows') (e.g. workflowsPath for the worker).
// Vitest runs modules through its own loader but leaves require() to Node, which does not know
// .ts files; tsx's CommonJS hook gives test code the same resolution as `tsx worker/main.ts`.
import { register } from 'tsx/cjs/api';

register();
