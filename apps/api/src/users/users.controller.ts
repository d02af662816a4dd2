import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateUserSchema,
  IdParamSchema,
  ListUsersQuerySchema,
  UpdateUserSchema,
  type CreateUserResponse,
  type ListUsersQuery,
  type PasswordLink,
  type Role,
  type StaffUser,
  type StaffUserPage,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { UsersService } from './users.service.js';

const id = new ZodPipe(IdParamSchema);

/** Staff accounts: admins only. */
@Can('user.manage')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query(new ZodPipe(ListUsersQuerySchema)) query: ListUsersQuery): Promise<StaffUserPage> {
    return this.users.list(query);
  }

  @Post()
  create(
    @Body(new ZodPipe(CreateUserSchema)) body: { email: string; name: string; roles: Role[]; password?: string },
    @CurrentPrincipal() actor: Principal,
  ): Promise<CreateUserResponse> {
    return this.users.create(body, actor);
  }

  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<StaffUser> {
    return this.users.get(params.id);
  }

  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateUserSchema)) body: { version: number; name?: string; roles?: Role[]; active?: boolean },
    @CurrentPrincipal() actor: Principal,
  ): Promise<StaffUser> {
    return this.users.update(params.id, body, actor);
  }

  @Post(':id/reset-password')
  resetPassword(@Param(id) params: { id: string }, @CurrentPrincipal() actor: Principal): Promise<PasswordLink> {
    return this.users.resetPassword(params.id, actor);
  }
}
