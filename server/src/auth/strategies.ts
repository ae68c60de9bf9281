import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Request } from 'express';
import { MfaVerifyDto, SignInDto } from '@tessera/contracts';
import { problem } from '../common/problem.filter';
import { validateBody } from '../common/validate-body';
import type { AuthedRequest } from './auth-request';
import { clientOf } from './auth-request';
import { AuthService, type StepResult } from './auth.service';

/** First factor: user name and password (passport-local). `req.user` becomes the staff entity. */
@Injectable()
export class PasswordStrategy extends PassportStrategy(LocalStrategy, 'password') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request): Promise<unknown> {
    const dto = validateBody(SignInDto, req.body);
    return this.auth.checkPassword(dto, clientOf(req));
  }
}

/** Second factor on a session at stage `mfa`: TOTP or recovery code. `req.user` becomes the step result. */
@Injectable()
export class TotpStrategy extends PassportStrategy(CustomStrategy, 'totp') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(req: AuthedRequest): Promise<StepResult> {
    const state = req.auth;
    if (!state || state.session.stage !== 'mfa') throw problem(409, 'Not expected', 'This session is not waiting for a code.');
    const dto = validateBody(MfaVerifyDto, req.body);
    return this.auth.verifySecondFactor(state.staff, state.session, dto, clientOf(req));
  }
}

/** Validates the sign-in body like any other (400 naming the field) before passport-local sees it. */
@Injectable()
export class PasswordAuthGuard extends AuthGuard('password') {
  override canActivate(context: ExecutionContext) {
    validateBody(SignInDto, context.switchToHttp().getRequest<Request>().body);
    return super.canActivate(context);
  }
}
