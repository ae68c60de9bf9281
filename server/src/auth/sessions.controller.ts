import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SessionResponse } from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import type { AuthedRequest, AuthState } from './auth-request';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @RequirePermission('session:manage-own')
  list(@Req() req: AuthedRequest): Promise<SessionResponse[]> {
    const { staff, session } = req.auth as AuthState;
    return this.sessions.listOwn(staff.id, session.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('session:manage-own')
  end(@Req() req: AuthedRequest, @Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<void> {
    return this.sessions.endOwn((req.auth as AuthState).staff.id, id);
  }
}
