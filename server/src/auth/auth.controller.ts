import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ChangePasswordDto, MfaEnrolmentConfirmDto, MfaVerifyDto, SignInDto, type MeResponse, type MfaEnrolledResponse,
  type MfaEnrolmentResponse,
} from '@tessera/contracts';
import { Public, SignInStep } from '../common/auth-metadata';
import { PasswordAuthGuard } from './strategies';
import { clientOf, type AuthedRequest, type AuthState } from './auth-request';
import { AuthService, type StepResult } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './session-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Password step (passport local); the body is validated inside the strategy. */
  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @UseGuards(PasswordAuthGuard)
  async signIn(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response, @Body() _body: SignInDto): Promise<MeResponse> {
    return this.issue(req, res, await this.auth.startSession(req.user as never, clientOf(req)));
  }

  /** TOTP or recovery-code step (passport custom strategy). */
  @Post('mfa')
  @HttpCode(200)
  @SignInStep('mfa')
  @UseGuards(AuthGuard('totp'))
  mfa(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response, @Body() _body: MfaVerifyDto): MeResponse {
    return this.issue(req, res, req.user as StepResult);
  }

  @Get('me')
  @SignInStep('mfa', 'password_change', 'mfa_enrolment', 'active')
  me(@Req() req: AuthedRequest): MeResponse {
    const { staff, session } = req.auth as AuthState;
    return this.auth.me(staff, session);
  }

  @Post('password')
  @HttpCode(200)
  @SignInStep('password_change', 'active')
  async changePassword(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response, @Body() dto: ChangePasswordDto): Promise<MeResponse> {
    const { staff, session } = req.auth as AuthState;
    return this.issue(req, res, await this.auth.changePassword(staff, session, dto));
  }

  @Post('mfa-enrolment')
  @HttpCode(200)
  @SignInStep('mfa_enrolment')
  startEnrolment(@Req() req: AuthedRequest): Promise<MfaEnrolmentResponse> {
    return this.auth.startEnrolment((req.auth as AuthState).staff);
  }

  @Post('mfa-enrolment/confirm')
  @HttpCode(200)
  @SignInStep('mfa_enrolment')
  async confirmEnrolment(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response, @Body() dto: MfaEnrolmentConfirmDto): Promise<MfaEnrolledResponse> {
    const { staff, session } = req.auth as AuthState;
    const result = await this.auth.confirmEnrolment(staff, session, dto.code);
    return { me: this.issue(req, res, result), recoveryCodes: result.recoveryCodes };
  }

  @Post('sign-out')
  @HttpCode(204)
  @SignInStep('mfa', 'password_change', 'mfa_enrolment', 'active')
  async signOut(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut((req.auth as AuthState).session);
    clearSessionCookies(req, res);
  }

  private issue(req: AuthedRequest, res: Response, step: StepResult): MeResponse {
    if (step.issued) setSessionCookies(req, res, step.issued);
    return step.me;
  }
}
