import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from '../app/routeTypes.js';
import type { StratumAuth } from './createAuth.js';

/**
 * Mounts better-auth's handler under /api/auth/* (sign-in/email, sign-out, get-session …). Its request and
 * response formats are better-auth's own; sign-up is disabled (users are created by admins).
 */
export const authFeature: Feature = {
  name: 'auth',
  prefix: '/api/auth',
  register(app, { auth }) {
    app.route({
      method: ['GET', 'POST'],
      url: '/*',
      config: { permission: 'public' },
      schema: { hide: true },
      handler: (request, reply) => forward(auth, request, reply),
    });
  },
};

async function forward(auth: StratumAuth, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const response = await auth.handler(toFetchRequest(request));
  void reply.status(response.status);
  response.headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') void reply.header(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) void reply.header('set-cookie', cookies);
  await reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
}

export function toFetchRequest(request: FastifyRequest): Request {
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'content-length') continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  return new Request(url, {
    method: request.method,
    headers,
    ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
  });
}
