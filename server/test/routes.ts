import { METHODS } from 'node:http';
import { randomUUID } from 'node:crypto';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_PERMISSIONS, SIGN_IN_STAGES } from '../src/common/auth-metadata';

/** A route as Express serves it, mapped back to the Nest handler that answers it and that handler's access declaration. */
export interface DiscoveredRoute {
  /** Upper case, as in the audit target (`GET /api/v1/staff`). */
  method: string;
  /** The Express route pattern, e.g. `/api/v1/staff/:id`. */
  path: string;
  handler: string;
  isPublic: boolean;
  stages: string[] | undefined;
  permissions: string[] | undefined;
}

export interface RouteDiscovery {
  routes: DiscoveredRoute[];
  /** Express routes that no Nest handler answers: the global guards never see them. */
  outsideNest: { method: string; path: string }[];
  /** Nest handlers for which Express holds no route. */
  unregistered: string[];
}

interface NestHandler {
  methods: string[];
  paths: string[];
  handler: string;
  fn: (...args: unknown[]) => unknown;
  cls: object;
}

const ALL_METHODS = METHODS.length;

const norm = (...parts: string[]) => ('/' + parts.join('/')).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
const list = (v: unknown): string[] => (v === undefined ? ['/'] : Array.isArray(v) ? (v as string[]) : [v as string]);

function nestHandlers(app: INestApplication): NestHandler[] {
  const prefix = (app as unknown as { config?: { getGlobalPrefix?: () => string } }).config?.getGlobalPrefix?.() ?? '';
  const scanner = new MetadataScanner();
  const out: NestHandler[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => object) | undefined;
      if (!cls) continue;
      const proto = cls.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const fn = proto[name]!;
        const methodPath = Reflect.getMetadata(PATH_METADATA, fn) as unknown;
        if (methodPath === undefined) continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod;
        const methods = verb === RequestMethod.ALL ? ['*'] : [RequestMethod[verb].toLowerCase()];
        const paths: string[] = [];
        for (const c of list(Reflect.getMetadata(PATH_METADATA, cls))) {
          for (const m of list(methodPath)) {
            paths.push(norm(c, m));
            if (prefix) paths.push(norm(prefix, c, m));
          }
        }
        out.push({ methods, paths, handler: `${cls.name}.${name}`, fn, cls });
      }
    }
  }
  return out;
}

/** Every route in the Express router stack, each mapped to its Nest handler and read for its access metadata. */
export function discoverRoutes(app: INestApplication): RouteDiscovery {
  const reflector = app.get(Reflector);
  const handlers = nestHandlers(app);
  const used = new Set<NestHandler>();
  const routes: DiscoveredRoute[] = [];
  const outsideNest: { method: string; path: string }[] = [];
  const stack = (app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: unknown; methods: Record<string, boolean> } }[] } })
    .router.stack;
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all');
    const everyMethod = methods.length >= ALL_METHODS || layer.route.methods['_all'] === true;
    const matches = handlers.filter((h) => h.paths.includes(path) && (everyMethod ? h.methods.includes('*') : methods.some((m) => h.methods.includes(m))));
    if (matches.length === 0) {
      // app.all(...) mounts of Nest middleware (the request logger) are not routes; any other unmapped route is.
      if (!everyMethod) for (const m of methods) outsideNest.push({ method: m.toUpperCase(), path });
      continue;
    }
    if (matches.length > 1) throw new Error(`${path} maps to several handlers: ${matches.map((h) => h.handler).join(', ')}`);
    const h = matches[0]!;
    used.add(h);
    const targets = [h.fn, h.cls] as unknown as (() => void)[];
    for (const m of everyMethod ? ['*'] : methods) {
      // middleware mounted with app.all() at the very path of an @All() route looks like that route: count it once
      if (routes.some((r) => r.method === m.toUpperCase() && r.path === path && r.handler === h.handler)) continue;
      routes.push({
        method: m.toUpperCase(), path, handler: h.handler,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        stages: reflector.getAllAndOverride<string[] | undefined>(SIGN_IN_STAGES, targets),
        permissions: reflector.getAllAndOverride<string[] | undefined>(REQUIRED_PERMISSIONS, targets),
      });
    }
  }
  return { routes, outsideNest, unregistered: handlers.filter((h) => !used.has(h)).map((h) => h.handler) };
}

/** How many of the three kinds of declaration a route carries (exactly one is right). */
export function declarationsOf(r: DiscoveredRoute): string[] {
  const out: string[] = [];
  if (r.isPublic) out.push('public');
  if (Array.isArray(r.stages) && r.stages.length > 0) out.push(`sign-in step (${r.stages.join(', ')})`);
  if (Array.isArray(r.permissions) && r.permissions.length > 0) out.push(`permissions (${r.permissions.join(', ')})`);
  return out;
}

/** A concrete URL for a route pattern: every `:param` becomes a random UUID v4. */
export function concretePath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, () => randomUUID());
}

export const label = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
