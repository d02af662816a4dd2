import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import type { Permission } from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/auth/can.decorator.js';
import { loadConfig } from '../../src/config.js';

export interface Route {
  method: string;
  path: string;
  permission: Permission | 'public' | undefined;
}

/** Every route in the API's router, read from the controllers' own metadata. */
export function routes(): Route[] {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused/unused' });
  const controllers = AppModule.create(config, {} as DataSource).controllers ?? [];
  const found: Route[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler));
      const path = `/${[base, sub].filter((part) => part && part !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
      const isPublic = Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
      const permission = Reflect.getMetadata(PERMISSION_KEY, handler) ?? Reflect.getMetadata(PERMISSION_KEY, controller);
      found.push({
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!.toLowerCase(),
        path,
        permission: isPublic ? 'public' : permission,
      });
    }
  }
  return found;
}

/** A concrete path for a route pattern: a well-formed uuid for `{id}`, `x` for the other params. */
export const fill = (path: string) => path.replace('{id}', '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d').replace(/\{\w+\}/g, 'x');
