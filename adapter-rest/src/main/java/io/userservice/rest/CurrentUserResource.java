package io.userservice.rest;

import io.userservice.core.port.in.GetProfileUseCase;
import io.userservice.core.port.in.ListAttributesUseCase;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** The signed-in user's own account; every method acts on the token's user and no other. */
@Path("/user")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class CurrentUserResource {

    private final GetProfileUseCase getProfile;
    private final UpdateNameUseCase updateName;
    private final ListAttributesUseCase listAttributes;
    private final SetAttributeUseCase setAttribute;
    private final DeleteAttributeUseCase deleteAttribute;

    CurrentUserResource(GetProfileUseCase getProfile, UpdateNameUseCase updateName, ListAttributesUseCase listAttributes,
                        SetAttributeUseCase setAttribute, DeleteAttributeUseCase deleteAttribute) {
        this.getProfile = getProfile;
        this.updateName = updateName;
        this.listAttributes = listAttributes;
        this.setAttribute = setAttribute;
        this.deleteAttribute = deleteAttribute;
    }

    /** The user as the token check read them in this request: one read of the account, not two. */
    @GET
    public Bodies.UserResult user(@Context SecurityContext caller) {
        return Bodies.UserResult.success(UserJson.of(BearerAuthFilter.user(caller)));
    }

    @GET
    @Path("/profile")
    public Bodies.UserResult profile(@Context SecurityContext caller) {
        return Bodies.UserResult.success(UserJson.of(getProfile.profile(BearerAuthFilter.userId(caller))));
    }

    @PUT
    @Path("/name")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bodies.UserResult name(@Context SecurityContext caller, Bodies.Name body) {
        ApiErrors.requireBody(body);
        return Bodies.UserResult.success(UserJson.of(updateName.updateName(
                new UpdateNameUseCase.Command(BearerAuthFilter.userId(caller), body.firstname(), body.lastname()))));
    }

    @GET
    @Path("/attributes")
    public Map<String, String> attributes(@Context SecurityContext caller) {
        return listAttributes.list(BearerAuthFilter.userId(caller));
    }

    @POST
    @Path("/attributes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bodies.UserResult setAttribute(@Context SecurityContext caller, Bodies.Attribute body) {
        ApiErrors.requireBody(body);
        return Bodies.UserResult.success(UserJson.of(setAttribute.set(new SetAttributeUseCase.Command(
                BearerAuthFilter.userId(caller), body.attributeKey(), body.attributeText()))));
    }

    @DELETE
    @Path("/attributes/{key}")
    public Bodies.UserResult deleteAttribute(@Context SecurityContext caller, @PathParam("key") String key) {
        return Bodies.UserResult.success(UserJson.of(deleteAttribute.delete(
                new DeleteAttributeUseCase.Command(BearerAuthFilter.userId(caller), key))));
    }
}
