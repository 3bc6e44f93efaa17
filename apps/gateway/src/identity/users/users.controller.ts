import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { Caller } from '../caller';
import { CurrentActor, CurrentCaller } from '../current-actor.decorator';
import { pathId } from '../input/path-id';
import { UsersService } from './users.service';

/** `/api/users/` (reference/oz-api.md §1.2). */
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return this.users.create(actor, body);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.users.list(actor, query);
  }

  @Get(':user_id')
  get(@CurrentActor() actor: Actor, @Param('user_id') user_id: string) {
    return this.users.get(actor, pathId(user_id, 'User'));
  }

  @Patch(':user_id')
  update(@CurrentCaller() caller: Caller, @Param('user_id') user_id: string, @Body() body: unknown) {
    return this.users.update(caller.actor, pathId(user_id, 'User'), body, caller.sessionId);
  }

  @Delete(':user_id')
  @HttpCode(204)
  async delete(@CurrentActor() actor: Actor, @Param('user_id') user_id: string): Promise<void> {
    await this.users.delete(actor, pathId(user_id, 'User'));
  }
}
