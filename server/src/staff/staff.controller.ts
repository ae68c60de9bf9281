import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateStaffDto, StaffQueryDto, StaffReasonDto, UpdateStaffRolesDto, type Page, type RoleResponse, type StaffResponse,
  type StaffWithPasswordResponse,
} from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import type { AuthedRequest, AuthState } from '../auth/auth-request';
import { actorOf } from '../auth/auth.service';
import { StaffService } from './staff.service';

const Id = () => Param('id', new ParseUUIDPipe({ version: '4' }));
const actor = (req: AuthedRequest) => actorOf((req.auth as AuthState).staff);

@ApiTags('staff')
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('roles')
  @RequirePermission('account:read-own')
  roles(): RoleResponse[] {
    return this.staff.roles();
  }

  @Get('staff')
  @RequirePermission('staff:read')
  list(@Query() q: StaffQueryDto): Promise<Page<StaffResponse>> {
    return this.staff.list(q);
  }

  @Get('staff/:id')
  @RequirePermission('staff:read')
  get(@Id() id: string): Promise<StaffResponse> {
    return this.staff.get(id);
  }

  @Post('staff')
  @RequirePermission('staff:create')
  create(@Body() dto: CreateStaffDto): Promise<StaffWithPasswordResponse> {
    return this.staff.create(dto);
  }

  @Put('staff/:id/roles')
  @RequirePermission('staff:update-roles')
  updateRoles(@Req() req: AuthedRequest, @Id() id: string, @Body() dto: UpdateStaffRolesDto): Promise<StaffResponse> {
    return this.staff.updateRoles(actor(req), id, dto);
  }

  @Post('staff/:id/disable')
  @HttpCode(200)
  @RequirePermission('staff:disable')
  disable(@Req() req: AuthedRequest, @Id() id: string, @Body() dto: StaffReasonDto): Promise<StaffResponse> {
    return this.staff.setStatus(actor(req), id, 'disabled', dto.reason);
  }

  @Post('staff/:id/enable')
  @HttpCode(200)
  @RequirePermission('staff:disable')
  enable(@Req() req: AuthedRequest, @Id() id: string, @Body() dto: StaffReasonDto): Promise<StaffResponse> {
    return this.staff.setStatus(actor(req), id, 'active', dto.reason);
  }

  @Post('staff/:id/reset-mfa')
  @HttpCode(200)
  @RequirePermission('staff:reset-mfa')
  resetMfa(@Id() id: string, @Body() dto: StaffReasonDto): Promise<StaffResponse> {
    return this.staff.resetMfa(id, dto.reason);
  }

  @Post('staff/:id/reset-password')
  @HttpCode(200)
  @RequirePermission('staff:reset-password')
  resetPassword(@Id() id: string, @Body() dto: StaffReasonDto): Promise<StaffWithPasswordResponse> {
    return this.staff.resetPassword(id, dto.reason);
  }
}
