// What of an error may be logged. Logs outlive the 30-day quarantine, so they must hold no
// personal data. Prisma's messages render the failed call with its arguments (names, e-mail
// addresses), so only their last line, which states the cause, is kept; other messages are cut short.
export interface LoggedError {
  type: string;
  code?: string | number;
  message?: string;
  stack?: string[];
  cause?: LoggedError;
}

const MAX_MESSAGE = 300;

export function describeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err };
  const message = isPrismaError(err) ? lastLine(err.message) : err.message;
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: message.slice(0, MAX_MESSAGE),
    // Frames only: a stack's first line repeats the message.
    ...(depth === 0
      ? {
          stack: err.stack
            ?.split('\n')
            .filter((line) => line.trimStart().startsWith('at '))
            .slice(0, 15),
        }
      : {}),
    ...(err.cause && depth < 3 ? { cause: describeError(err.cause, depth + 1) } : {}),
  };
}

function isPrismaError(err: Error): boolean {
  return err.name.startsWith('PrismaClient');
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
