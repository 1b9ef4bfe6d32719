// Loaded by path (DataConverter.failureConverterPath) in the worker, its workflow sandbox and the
// clients: failure messages and stack traces can quote data, so they go into the encoded
// attributes payload, which the codec encrypts; Temporal keeps only "Encoded failure".
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
