import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The id the logging middleware gave this request. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<{ id?: unknown }>();
  return typeof request.id === 'string' ? request.id : 'none';
});
